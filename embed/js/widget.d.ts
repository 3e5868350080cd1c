import type { Policy } from "./index.js";

/** The `<whycors-check>` element (defined on import). */
export declare class WhycorsCheck extends HTMLElement {
  /** The policy the element's attributes state. */
  readonly policy: Policy;
}

declare global {
  interface HTMLElementTagNameMap {
    "whycors-check": WhycorsCheck;
  }
}
