export declare const WEBKIT_DRIVER: string;
export declare const WEBKIT_BROWSER: string;
/** A TCP port free on 127.0.0.1 right now. */
export declare function freePort(): Promise<number>;
export declare function keyActions(
  keys: readonly string[],
): Array<{ type: 'keyDown' | 'keyUp'; value: string }>;
/** One MiniBrowser window driven over WebDriver, on its own virtual display. */
export declare class WebKitSession {
  static start(): Promise<WebKitSession>;
  id: string | null;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  execute<T = unknown>(script: string, args?: readonly unknown[]): Promise<T>;
  keys(keys: readonly string[]): Promise<void>;
  keyDown(key: string): Promise<void>;
  keyUp(key: string): Promise<void>;
  screenshot(): Promise<Buffer>;
  setWindowSize(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}
