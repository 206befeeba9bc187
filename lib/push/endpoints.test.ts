import { describe, expect, it } from "vitest";
import { isAllowedPushEndpoint } from "./endpoints";

describe("push endpoints", () => {
  it("accepts the browsers' push services over https only", () => {
    expect(isAllowedPushEndpoint("https://fcm.googleapis.com/fcm/send/abc")).toBe(true);
    expect(isAllowedPushEndpoint("https://updates.push.services.mozilla.com/wpush/v2/x")).toBe(true);
    expect(isAllowedPushEndpoint("https://web.push.apple.com/QGx")).toBe(true);
    expect(isAllowedPushEndpoint("https://wns2-par02p.notify.windows.com/w/?token=x")).toBe(true);
  });

  it("refuses anything a player could point at the server's own network", () => {
    for (const bad of [
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://127.0.0.1/push",
      "https://169.254.169.254/latest/meta-data",
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilfcm.googleapis.com.example/x",
      "https://fcm.googleapis.com:8443/x",
      "https://user:pw@fcm.googleapis.com/x",
      "not a url",
    ])
      expect(isAllowedPushEndpoint(bad), bad).toBe(false);
  });

  it("accepts the tests' local push service only when it is configured", () => {
    expect(isAllowedPushEndpoint("https://127.0.0.1:6190/push/1")).toBe(false);
    expect(isAllowedPushEndpoint("https://127.0.0.1:6190/push/1", "https://127.0.0.1:6190")).toBe(true);
    expect(isAllowedPushEndpoint("https://127.0.0.1:6191/push/1", "https://127.0.0.1")).toBe(true);
    expect(isAllowedPushEndpoint("http://127.0.0.1:6191/push/1", "https://127.0.0.1")).toBe(false);
    expect(isAllowedPushEndpoint("https://10.0.0.1/push/1", "https://127.0.0.1")).toBe(false);
  });
});
