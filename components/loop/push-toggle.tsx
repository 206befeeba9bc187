"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "@/components/ui/toast";
import { subscribePushAction, unsubscribePushAction } from "@/app/(play)/me/loop/actions";
import { Button } from "../ui/button";

type State = "unsupported" | "off" | "on" | "denied" | "busy";

const SW = "/sw.js";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** What this browser can do, and whether it is subscribed already. */
async function detect(vapidKey: string | null): Promise<State> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !vapidKey) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  try {
    const reg = await navigator.serviceWorker.getRegistration(SW);
    return (await reg?.pushManager.getSubscription()) ? "on" : "off";
  } catch {
    return "off";
  }
}

/** Opt this device in or out of Web Push: the service worker, the browser's permission, our server. */
export function PushToggle({ vapidKey }: { vapidKey: string | null }) {
  const t = useTranslations("loop.settings");
  const [state, setState] = useState<State>("busy");

  useEffect(() => {
    let cancelled = false;
    void detect(vapidKey).then((found) => {
      if (!cancelled) setState(found);
    });
    return () => {
      cancelled = true;
    };
  }, [vapidKey]);

  async function enable() {
    setState("busy");
    try {
      const reg = await navigator.serviceWorker.register(SW);
      await navigator.serviceWorker.ready;
      if ((await Notification.requestPermission()) !== "granted") return setState("denied");
      const sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(vapidKey!),
      });
      const r = await subscribePushAction(sub.toJSON() as Parameters<typeof subscribePushAction>[0]);
      if (!r.ok) {
        await sub.unsubscribe();
        toast.error(r.message);
        return setState("off");
      }
      setState("on");
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e));
      setState("off");
    }
  }

  async function disable() {
    setState("busy");
    const reg = await navigator.serviceWorker.getRegistration(SW);
    const sub = await reg?.pushManager.getSubscription();
    if (sub) {
      await unsubscribePushAction({ endpoint: sub.endpoint });
      await sub.unsubscribe();
    }
    setState("off");
  }

  if (!vapidKey) return <p className="text-sm text-muted">{t("notConfigured")}</p>;
  if (state === "unsupported") return <p className="text-sm text-muted">{t("unsupported")}</p>;
  if (state === "denied") return <p className="text-sm text-muted">{t("denied")}</p>;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="push-toggle" data-state={state}>
      {state === "on" ? <span className="text-sm">{t("enabled")}</span> : null}
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={state === "busy"}
        onClick={() => void (state === "on" ? disable() : enable())}
        data-testid="push-enable"
      >
        {state === "on" ? t("disable") : t("enable")}
      </Button>
    </div>
  );
}
