// The break-glass local password comes from stack config as a secret; Entra ID is the way in.
import * as pulumi from "@pulumi/pulumi";

export function adminPassword(): pulumi.Output<string> {
    return new pulumi.Config().requireSecret("breakGlassPassword");
}
