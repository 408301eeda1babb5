import { Lab } from "../lab/Lab";

/** #/lab: the capstone, with every control. */
export function LabPage() {
  return <Lab prefix="lab" />;
}
