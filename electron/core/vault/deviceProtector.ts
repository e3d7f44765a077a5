/**
 * Protects the data key with the operating system's credential store (Electron safeStorage
 * in the app). The core only sees this interface, so it never imports Electron.
 */
export interface DeviceKeyProtector {
  /** False when the OS offers no real protection (Linux `basic_text`): the wrap is refused. */
  isAvailable(): boolean;
  encrypt(data: Buffer): Buffer;
  decrypt(data: Buffer): Buffer;
}
