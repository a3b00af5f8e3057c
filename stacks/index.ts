// Entry of the root Pulumi project: runs the example scenario named by the stack config `scenario`,
// so `pulumi preview --policy-pack ./policy-pack` works on any of them.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const scenarios = fs
    .readdirSync(__dirname)
    .filter((d) => fs.existsSync(path.join(__dirname, d, "expected.json")))
    .sort();
const scenario = new pulumi.Config().require("scenario");
if (!scenarios.includes(scenario)) {
    throw new Error(`config "scenario" must be one of: ${scenarios.join(", ")}`);
}
require(path.join(__dirname, scenario));
