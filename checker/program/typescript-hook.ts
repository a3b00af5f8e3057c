// Lets `require` load a TypeScript program, transpiled with the program's own TypeScript compiler
// (no type-check: the checker evaluates what the program registers, `tsc` is the program's business).
import * as fs from "node:fs";
import Module from "node:module";
import { InputError } from "../errors";

export function registerTypeScript(programDir: string): void {
    let ts: typeof import("typescript");
    try {
        ts = require(require.resolve("typescript", { paths: [programDir] }));
    } catch {
        throw new InputError(`${programDir}: the program is TypeScript but package "typescript" is not installed there (run npm install)`);
    }
    const extensions = (Module as any)._extensions as Record<string, (m: any, filename: string) => void>;
    extensions[".ts"] = (module: any, filename: string) => {
        const source = fs.readFileSync(filename, "utf8");
        const { outputText } = ts.transpileModule(source, {
            fileName: filename,
            compilerOptions: {
                module: ts.ModuleKind.CommonJS,
                target: ts.ScriptTarget.ES2020,
                esModuleInterop: true,
                inlineSourceMap: true,
            },
        });
        module._compile(outputText, filename);
    };
}
