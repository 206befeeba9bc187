"use client";

import { createContext, useContext } from "react";

/**
 * How many calls the player holds on the board's day, as the board shows them (after every
 * patch and read). Widgets in the board's bar follow the player's calls through it without
 * knowing the board's shape; outside a board it is null.
 */
export const MyCallsContext = createContext<number | null>(null);

export const useMyCalls = () => useContext(MyCallsContext);
