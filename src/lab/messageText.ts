import type { TFunction } from "i18next";
import type { Message } from "./machine";

/** A machine Message in the page's language (plain text, such as an engine error, is shown as it is). */
export function messageText(t: TFunction, m: Message): string {
  return "text" in m ? m.text : t(m.key, m.values ?? {});
}
