import type { MetadataRoute } from "next";

/** The installable app (PWA): `/manifest.webmanifest`. Notifications come through public/sw.js. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "OX Universe",
    short_name: "OX",
    description: "미국 주식 O/X 데일리 게임 · A daily O/X game on US stocks",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#1b1a22",
    theme_color: "#6d28d9",
    lang: "ko",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
