import { Secret, TOTP } from "otpauth";

/** The 6-digit code an authenticator app shows for `secret` (base32, spaces allowed) at `at`. */
export function totpCode(secret: string, at: Date | number): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")), digits: 6, period: 30 }).generate({
    timestamp: typeof at === "number" ? at : at.getTime(),
  });
}

/** The 30-second step of an instant. */
export const stepOf = (at: Date | number) =>
  Math.floor((typeof at === "number" ? at : at.getTime()) / 30_000);
