import { modelPropertyTest } from "./support/model-property";

/** Shard 2 of the model-based property test (tests/integration/support/model-property.ts). */
modelPropertyTest(1);
