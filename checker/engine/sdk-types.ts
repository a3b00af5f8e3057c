// The shapes a provider SDK declares in its TypeScript declarations: a resource class's outputs and
// args, an invoke's result, and the nested types of `types/output.d.ts` / `types/input.d.ts`. The
// mocks need them to know which values a provider computes (and so are unknown in a preview) and
// what an invoke returns. Read from the program's own installed SDK, parsed once per process.
import * as fs from "node:fs";
import * as path from "node:path";

/** A declared type, reduced to what building a value needs. */
export type TypeRef =
    | { kind: "scalar"; scalar: "string" | "number" | "boolean" | "any" }
    | { kind: "array"; of: TypeRef }
    | { kind: "map"; of: TypeRef }
    | { kind: "object"; fields: Fields }
    | { kind: "named"; side: "input" | "output"; name: string };

export interface Field {
    type: TypeRef;
    optional: boolean;
}

export type Fields = Map<string, Field>;

export function lowerFirst(s: string): string {
    return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * `azure-native:compute:VirtualMachine`, `azure:core/getClientConfig:getClientConfig`, … → package
 * and the declaration files that may hold the member, most specific first.
 */
function declarationFiles(token: string): { pkg: string; files: string[]; member: string } | undefined {
    const m = /^([a-z0-9-]+):([^:]+):(\w+)$/.exec(token);
    if (!m) {
        return undefined;
    }
    const [, pkg, middle, member] = m;
    const lower = lowerFirst(member);
    if (pkg === "azure-native") {
        // A version-qualified token (`network/v20240301`) from a locally generated SDK, else the default.
        const [module, version] = middle.split("/");
        const files = [version ? path.join(module, version, `${lower}.d.ts`) : undefined, path.join(module, `${lower}.d.ts`)];
        return { pkg, files: files.filter((f): f is string => f !== undefined), member };
    }
    // Bridged providers: `<module>/<file>`, with module `index` at the package root.
    const [module, file = lower] = middle.split("/");
    return { pkg, files: [module === "index" ? `${file}.d.ts` : path.join(module, `${file}.d.ts`)], member };
}

function splitTopLevel(text: string, sep: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "<" || c === "{" || c === "(" || c === "[") {
            depth++;
        } else if (c === ">" || c === "}" || c === ")" || c === "]") {
            depth--;
        } else if (c === sep && depth === 0) {
            parts.push(text.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(text.slice(start));
    return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Parses a TypeScript type as the SDK writes it (`pulumi.Input<outputs.x.Y | undefined>[]`, …). */
export function parseType(raw: string): TypeRef {
    let text = raw.trim();
    const alternatives = splitTopLevel(text, "|").filter((t) => t !== "undefined" && t !== "null");
    if (alternatives.length > 1) {
        // Enum unions (`string | enums.x.Y`) and similar: the first alternative decides the shape.
        const named = alternatives.find((a) => !/^("|'|enums\.)/.test(a));
        return parseType(named ?? "string");
    }
    text = alternatives[0] ?? "any";
    if (text.endsWith("[]")) {
        return { kind: "array", of: parseType(text.slice(0, -2)) };
    }
    const generic = /^(?:pulumi\.)?(Input|Output|Promise|Array)<(.*)>$/s.exec(text);
    if (generic) {
        const inner = parseType(generic[2]);
        return generic[1] === "Array" ? { kind: "array", of: inner } : inner;
    }
    if (text.startsWith("(") && text.endsWith(")")) {
        return parseType(text.slice(1, -1));
    }
    if (text.startsWith("{")) {
        const body = text.slice(1, -1).trim();
        const index = /^\[\w+: string\]: (.*?);?$/s.exec(body);
        return index ? { kind: "map", of: parseType(index[1]) } : { kind: "object", fields: parseFields(body) };
    }
    const named = /^(inputs|outputs)\.([\w.]+)$/.exec(text);
    if (named) {
        return { kind: "named", side: named[1] === "inputs" ? "input" : "output", name: named[2] };
    }
    if (text === "string" || text.startsWith('"') || text.startsWith("enums.")) {
        return { kind: "scalar", scalar: "string" };
    }
    if (text === "number" || text === "boolean") {
        return { kind: "scalar", scalar: text };
    }
    return { kind: "scalar", scalar: "any" };
}

/** Field declarations of an interface or class body (comments and methods skipped). */
export function parseFields(body: string): Fields {
    const fields: Fields = new Map();
    const text = body.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    let i = 0;
    const head = /(?:readonly\s+)?(\w+)(\?|!)?\s*:\s*/y;
    while (i < text.length) {
        while (i < text.length && /[\s;]/.test(text[i])) {
            i++;
        }
        head.lastIndex = i;
        const m = head.exec(text);
        let end = i;
        let depth = 0;
        const from = m ? head.lastIndex : i;
        for (end = from; end < text.length; end++) {
            const c = text[end];
            if (c === "<" || c === "{" || c === "(" || c === "[") {
                depth++;
            } else if (c === ">" || c === "}" || c === ")" || c === "]") {
                depth--;
            } else if ((c === ";" || c === "\n") && depth <= 0) {
                break;
            }
        }
        if (m && !text.slice(i, from).includes("(")) {
            fields.set(m[1], { type: parseType(text.slice(from, end)), optional: m[2] === "?" });
        }
        i = end + 1;
    }
    return fields;
}

/** The body between the `{` at `open` and its matching `}`. */
function blockAt(source: string, open: number): string {
    let depth = 0;
    for (let i = open; i < source.length; i++) {
        if (source[i] === "{") {
            depth++;
        } else if (source[i] === "}" && --depth === 0) {
            return source.slice(open + 1, i);
        }
    }
    return source.slice(open + 1);
}

class PackageTypes {
    private readonly files = new Map<string, string | null>();
    private readonly named = new Map<string, Fields | null>();
    private readonly indexes: Partial<Record<"input" | "output", Map<string, number>>> = {};

    constructor(readonly dir: string) {}

    read(file: string): string | undefined {
        if (!this.files.has(file)) {
            const full = path.join(this.dir, file);
            this.files.set(file, fs.existsSync(full) ? fs.readFileSync(full, "utf8") : null);
        }
        return this.files.get(file) ?? undefined;
    }

    /** Positions of every `interface X {` of types/<side>.d.ts, keyed by `namespace.path.X`. */
    private index(side: "input" | "output"): { source: string; at: Map<string, number> } | undefined {
        const source = this.read(path.join("types", `${side}.d.ts`));
        if (source === undefined) {
            return undefined;
        }
        let at = this.indexes[side];
        if (!at) {
            at = new Map();
            const stack: { indent: number; name: string }[] = [];
            for (const m of source.matchAll(/^( *)(?:export )?(?:declare )?(namespace|interface) (\w+)[^{\n]*\{/gm)) {
                const indent = m[1].length;
                while (stack.length > 0 && stack[stack.length - 1].indent >= indent) {
                    stack.pop();
                }
                const qualified = [...stack.map((s) => s.name), m[3]].join(".");
                if (m[2] === "namespace") {
                    stack.push({ indent, name: m[3] });
                } else {
                    at.set(qualified, m.index! + m[0].length - 1);
                }
            }
            this.indexes[side] = at;
        }
        return { source, at };
    }

    fieldsOf(side: "input" | "output", name: string): Fields | undefined {
        const key = `${side}:${name}`;
        if (!this.named.has(key)) {
            const idx = this.index(side);
            const open = idx?.at.get(name);
            this.named.set(key, idx && open !== undefined ? parseFields(blockAt(idx.source, open)) : null);
        }
        return this.named.get(key) ?? undefined;
    }

    /** The fields of a named or inline object type; undefined for anything else. */
    resolve(type: TypeRef): Fields | undefined {
        if (type.kind === "object") {
            return type.fields;
        }
        return type.kind === "named" ? this.fieldsOf(type.side, type.name) : undefined;
    }
}

const packages = new Map<string, PackageTypes | null>();

function packageTypes(pkg: string, resolveFrom: string): PackageTypes | undefined {
    const key = `${resolveFrom}\0${pkg}`;
    if (!packages.has(key)) {
        let dir: string | undefined;
        try {
            dir = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [resolveFrom] }));
        } catch {
            dir = undefined;
        }
        packages.set(key, dir ? new PackageTypes(dir) : null);
    }
    return packages.get(key) ?? undefined;
}

export interface ResourceTypes {
    pkg: PackageTypes;
    /** Properties the class declares as `pulumi.Output`. */
    outputs: Fields;
    /** Properties its Args accept. */
    inputs: Fields;
}

export interface FunctionTypes {
    pkg: PackageTypes;
    result: Fields;
}

function declarations(token: string, resolveFrom: string) {
    const decl = declarationFiles(token);
    const pkg = decl && packageTypes(decl.pkg, resolveFrom);
    const source = pkg && decl.files.map((f) => pkg.read(f)).find((s) => s !== undefined);
    return decl && pkg && source !== undefined ? { decl, pkg, source } : undefined;
}

function block(source: string, header: RegExp): string | undefined {
    const m = header.exec(source);
    return m ? blockAt(source, m.index + m[0].length - 1) : undefined;
}

/** A resource type's declared outputs and inputs, from its class file in the program's SDK. */
export function resourceTypes(token: string, resolveFrom: string): ResourceTypes | undefined {
    const found = declarations(token, resolveFrom);
    if (!found) {
        return undefined;
    }
    const { decl, pkg, source } = found;
    const classBody = block(source, new RegExp(`export declare class ${decl.member} [^{]*\\{`));
    if (classBody === undefined) {
        return undefined;
    }
    const declared = new Set([...classBody.matchAll(/^\s+readonly (\w+)!?: pulumi\.Output</gm)].map((m) => m[1]));
    const outputs: Fields = new Map([...parseFields(classBody)].filter(([name]) => declared.has(name)));
    const argsBody = block(source, new RegExp(`export interface ${decl.member}Args \\{`)) ?? "";
    return { pkg, outputs, inputs: parseFields(argsBody) };
}

/** An invoke's declared result fields, from its function file in the program's SDK. */
export function functionTypes(token: string, resolveFrom: string): FunctionTypes | undefined {
    const found = declarations(token, resolveFrom);
    if (!found) {
        return undefined;
    }
    const { decl, pkg, source } = found;
    const name = decl.member.charAt(0).toUpperCase() + decl.member.slice(1);
    const body = block(source, new RegExp(`export interface ${name}Result \\{`));
    return body === undefined ? undefined : { pkg, result: parseFields(body) };
}

export type { PackageTypes };
