/**
 * Protects the data key with the operating system's credential store (Electron safeStorage
 * in the app). The core only sees this interface, so it never imports Electron.
 */
export interface DeviceKeyProtector {
  /** False when the OS offers no real protection (Linux `basic_text`): the wrap is refused. */
  isAvailable(): boolean;
  // May be asynchronous: in the app the OS keychain sits in the Electron main process and the
  // backend host reaches it with a message.
  encrypt(data: Buffer): Buffer | Promise<Buffer>;
  decrypt(data: Buffer): Buffer | Promise<Buffer>;
}
