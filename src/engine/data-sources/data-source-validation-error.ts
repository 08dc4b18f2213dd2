import { PortolanError } from "../errors/portolan-error.js";
import type { FieldError } from "./integration-type.js";

/** A data source that cannot be saved, with every problem at its field (`integrationSettings.githubToken`). */
export class DataSourceValidationError extends PortolanError {
  readonly fields: FieldError[];

  constructor(fields: FieldError[]) {
    const first = fields[0];
    super(
      "DATA_SOURCE_INVALID",
      fields.length === 1 && first
        ? `${first.field}: ${first.message}`
        : `${fields.length} settings of the data source are invalid`,
      {
        hint: "Fix each field named in `fields`; nothing was saved.",
        where: { source: "data source", path: first?.field ?? "" },
      },
    );
    this.fields = fields;
  }
}
