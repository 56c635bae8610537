import { registerEnumType } from "type-graphql";

export enum DesktopAction {
  START = "START",
  STOP = "STOP",
  SUSPEND = "SUSPEND",
  RESUME = "RESUME",
  SHELVE = "SHELVE",
  UNSHELVE = "UNSHELVE",
  REBOOT = "REBOOT",
  REBUILD = "REBUILD",
  TERMINATE = "TERMINATE",
}

registerEnumType(DesktopAction, {
  name: "DesktopAction",
  description: "What the pool controller should do with a desktop on its next pass.",
});
