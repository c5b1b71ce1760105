// Export format name → importer.
import type { ExportFormat } from "./export-format.js";
import { HUBSPOT_FORMAT } from "./hubspot.js";
import { MARKETO_MEASURE_FORMAT } from "./marketo-measure.js";
import { SALESFORCE_FORMAT } from "./salesforce.js";

export const EXPORT_FORMATS: Readonly<Record<"salesforce" | "hubspot" | "marketo-measure", ExportFormat>> = {
  salesforce: SALESFORCE_FORMAT,
  hubspot: HUBSPOT_FORMAT,
  "marketo-measure": MARKETO_MEASURE_FORMAT,
};
