import type { UsageStatus } from "../../../common/src/usage";

/** How the usage status bar item looks; a pure function, testable without VS Code. */
export interface UsageStatusView {
  visible: boolean;
  text: string;
  tooltip: string;
  warning: boolean;
}

/** The status bar view of a usage status. */
export function describeUsageStatus(status: UsageStatus): UsageStatusView {
  switch (status.kind) {
    case "off":
      return { visible: false, text: "", tooltip: "", warning: false };
    case "empty":
      return {
        visible: true,
        text: `$(graph) ${status.text}`,
        tooltip: status.tooltip,
        warning: false,
      };
    case "refreshing":
      return {
        visible: true,
        text: `$(sync~spin) ${status.text}`,
        tooltip: status.tooltip,
        warning: false,
      };
    case "ready":
      return {
        visible: true,
        text: `$(graph) ${status.text}`,
        tooltip: status.tooltip,
        warning: !status.meetsGoal,
      };
    case "stale":
      return {
        visible: true,
        text: `$(history) ${status.text}`,
        tooltip: `${status.fault.message}\n\n${status.tooltip}`,
        warning: true,
      };
    case "failed":
      return {
        visible: true,
        text: `$(warning) ${status.text}`,
        tooltip: status.fault.message,
        warning: true,
      };
  }
}
