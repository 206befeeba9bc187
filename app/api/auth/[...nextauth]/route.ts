import { handlers } from "@/auth";
import { withAuthRateLimits } from "@/lib/auth/auth-rate-limit";

export const GET = withAuthRateLimits(handlers.GET);
export const POST = withAuthRateLimits(handlers.POST);
