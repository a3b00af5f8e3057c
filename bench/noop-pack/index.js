// The benchmark's baseline: the same number of resource and stack policies as the real pack, with the
// same names, config schemas and type filters (read from shape.json, written by the benchmark from
// the real policies), whose validators read one property and report nothing.
const fs = require("node:fs");
const path = require("node:path");
const { PolicyPack } = require("@pulumi/policy");

const TARGET = "__getSpecialProxyTarget";
const shape = JSON.parse(fs.readFileSync(path.join(__dirname, "shape.json"), "utf8"));

function matcher(tokens) {
    // Same matching rule as the real pack: module and resource name, whatever the API version.
    const keys = new Set(tokens.map((t) => key(t)));
    return (type) => keys.has(key(type));
}

function key(token) {
    const [provider, mod = "", resource = ""] = token.split(":");
    return `${provider}:${mod.split("/")[0].toLowerCase()}:${resource.toLowerCase()}`;
}

function readOne(props) {
    const raw = props[TARGET] ?? props;
    return raw.tags;
}

const policies = shape.map((p) => {
    const matches = matcher(p.types);
    const policy = { name: p.name, description: p.description, enforcementLevel: p.enforcementLevel, configSchema: p.configSchema };
    if (p.resource) {
        policy.validateResource = (args) => {
            if (matches(args.type)) {
                readOne(args.props);
            }
        };
    }
    if (p.remediate) {
        policy.remediateResource = (args) => {
            if (matches(args.type)) {
                readOne(args.props);
            }
            return undefined;
        };
    }
    if (p.stack) {
        policy.validateStack = (args) => {
            for (const r of args.resources) {
                if (matches(r.type)) {
                    readOne(r.props);
                }
            }
        };
    }
    return policy;
});

new PolicyPack("noop-pack", { policies });
