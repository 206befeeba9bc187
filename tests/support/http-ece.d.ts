/** The part of `http_ece` (no bundled types) the local push service uses. */
declare module "http_ece" {
  const ece: {
    decrypt(
      buffer: Buffer,
      params: { version: "aes128gcm"; privateKey: import("node:crypto").ECDH; authSecret: Buffer },
    ): Buffer;
  };
  export default ece;
}
