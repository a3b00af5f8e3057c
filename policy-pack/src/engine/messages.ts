// Violation messages may quote only values a policy has parsed into a closed form (a port, an enum
// word, a CIDR, a GUID, a resource name, a property path) — never a raw property string, which
// might be a secret. The `Safe` brand makes the compiler enforce that: `msg` accepts nothing else.
import * as ipaddr from "ipaddr.js";

declare const safeBrand: unique symbol;
export type Safe = string & { readonly [safeBrand]: true };

function brand(text: string): Safe {
    return text as Safe;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_NAME = /^[A-Za-z0-9._()\- ]{1,80}$/;

export const safe = {
    /** Text written in the policy's own source code. */
    literal(text: string): Safe {
        return brand(text);
    },
    /** An integer the policy parsed, such as a port or a priority. */
    integer(n: number): Safe {
        return brand(Number.isSafeInteger(n) ? String(n) : "a number");
    },
    /** One of a closed set of words, shown in its canonical spelling. */
    word<T extends string>(value: unknown, allowed: readonly T[]): Safe {
        const match =
            typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
        return brand(match ?? "an unrecognised value");
    },
    guid(value: unknown): Safe {
        return brand(typeof value === "string" && GUID.test(value.trim()) ? value.trim().toLowerCase() : "a value that is not a GUID");
    },
    /** An IP address or CIDR, re-rendered from its parsed form. */
    cidr(value: unknown): Safe {
        if (typeof value !== "string") {
            return brand("a value that is not an address");
        }
        try {
            const trimmed = value.trim();
            if (trimmed.includes("/")) {
                const [addr, bits] = ipaddr.parseCIDR(trimmed);
                return brand(`${addr.toString()}/${bits}`);
            }
            return brand(ipaddr.parse(trimmed).toString());
        } catch {
            return brand("a value that is not an address");
        }
    },
    /** A Pulumi resource name or an Azure resource name: identifiers, not secrets. */
    name(value: unknown): Safe {
        return brand(typeof value === "string" && RESOURCE_NAME.test(value) ? value : "(unnamed)");
    },
    /** A property path built by the policy, e.g. `securityRules[2].destinationPortRange`. */
    path(text: string): Safe {
        return brand(text);
    },
};

export type MessagePart = Safe | number;

/** Builds a message from safe parts only; the result is safe to embed in another message. */
export function msg(strings: TemplateStringsArray, ...parts: MessagePart[]): Safe {
    return brand(strings.reduce((out, s, i) => out + s + (i < parts.length ? String(parts[i]) : ""), ""));
}

/** Joins safe parts into a safe list: `3389, 22 and 5985`. */
export function list(parts: readonly MessagePart[], conjunction = "and"): Safe {
    const texts = parts.map(String);
    return brand(texts.length <= 1 ? (texts[0] ?? "") : `${texts.slice(0, -1).join(", ")} ${conjunction} ${texts[texts.length - 1]}`);
}
