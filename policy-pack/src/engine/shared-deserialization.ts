// @pulumi/policy deserialises a resource's properties once per policy (deserializeProperties in
// server.js, for Analyze and for every resource of AnalyzeStack): nine policies, nine copies of a
// 50k-resource stack. Within one request every policy is handed the same protobuf Struct, so a memo
// keyed by that Struct makes it one copy per resource per request. Sound because no policy of this
// pack writes to its props (they read `rawProps`); Remediate, which may rewrite props and wraps
// secrets, keeps the original path. Pinned to @pulumi/policy 1.21, whose server calls the function
// through its module exports.
import * as deserialize from "@pulumi/policy/deserialize";

type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

const deserializeModule = deserialize as unknown as { deserializeProperties: Deserialize & { shared?: true } };
const original = deserializeModule.deserializeProperties;

if (!original.shared) {
    const copies = new WeakMap<object, Record<string, unknown>>();
    const shared: Deserialize = (struct, proxySecrets) => {
        if (proxySecrets || struct === null || typeof struct !== "object") {
            return original(struct, proxySecrets);
        }
        let props = copies.get(struct);
        if (props === undefined) {
            props = original(struct, proxySecrets);
            copies.set(struct, props);
        }
        return props;
    };
    deserializeModule.deserializeProperties = Object.assign(shared, { shared: true as const });
}
