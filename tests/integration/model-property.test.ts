import { modelPropertyTest } from "./support/model-property";

/** Shard 1 of the model-based property test (tests/integration/support/model-property.ts). */
modelPropertyTest(0);
