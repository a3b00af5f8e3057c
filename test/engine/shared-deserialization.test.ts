// One deserialised copy of a resource's props per request, shared by every policy; Remediate keeps
// its own secret-preserving copy.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { describe, expect, it } from "vitest";
import "../../policy-pack/src/engine/shared-deserialization";

const { deserializeProperties } = require("@pulumi/policy/deserialize");

describe("shared deserialisation", () => {
    const props = { securityRules: [{ name: "r", priority: 100 }], tags: { securityLevel: "privileged" } };

    it("returns the same copy for the same Struct and a separate one for another request", () => {
        const struct = Struct.fromJavaScript(props);
        const first = deserializeProperties(struct, false);
        expect(first).toEqual(props);
        expect(deserializeProperties(struct, false)).toBe(first);
        expect(deserializeProperties(Struct.fromJavaScript(props), false)).not.toBe(first);
    });

    it("leaves the secret-preserving path of Remediate alone", () => {
        const struct = Struct.fromJavaScript(props);
        expect(deserializeProperties(struct, true)).not.toBe(deserializeProperties(struct, true));
    });
});
