// Helpers the exposure adapters share: reading names and SKUs, candidate slots, and the index of the
// stack's network resources by id and by Azure name.
import { NameRef } from "../engine/links";
import { propsOf, StackResource } from "../engine/stack";
import { isRecord, isUnknown } from "../engine/values";
import { idKey } from "../azure/exposure/arm-ids";
import { ExposureCause, SkuReading, Slot } from "../azure/exposure/model";
import { joinPath, present, word } from "../azure/network/fields";

// ---------------------------------------------------------------------------------------------
// Reading helpers

export function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) && value.trim() !== "" ? value.trim() : undefined;
}

export function lower(name: NameRef): string | undefined {
    return name.kind === "name" ? name.value.toLowerCase() : undefined;
}

function resourceGroupOf(r: StackResource): string | undefined {
    return knownString(propsOf(r).resourceGroupName)?.toLowerCase();
}

export function readSku(owner: string, path: string, value: unknown, allowed: readonly string[]): SkuReading {
    if (isUnknown(value)) {
        return { cause: { owner, path, why: "unknown" } };
    }
    if (!present(value)) {
        return { value: "basic", implicit: true };
    }
    if (!isRecord(value)) {
        return { cause: { owner, path, why: "invalid" } };
    }
    const name = value.name;
    const namePath = joinPath(path, "name");
    if (isUnknown(name)) {
        return { cause: { owner, path: namePath, why: "unknown" } };
    }
    if (!present(name)) {
        return { value: "basic", implicit: true };
    }
    const w = word(name, allowed);
    if (w === undefined) {
        return { cause: { owner, path: namePath, why: "invalid" } };
    }
    return { value: w.toLowerCase() === "basic" ? "basic" : "standard", implicit: false };
}

export function dedupe<T>(items: T[]): T[] {
    return [...new Set(items)];
}

export function slotOf<T>(targets: T[], cause: ExposureCause): Slot<T> {
    const unique = dedupe(targets);
    if (unique.length === 1) {
        return { targets: unique };
    }
    return { targets: unique, cause: unique.length === 0 ? cause : { ...cause, why: "ambiguous" } };
}

// ---------------------------------------------------------------------------------------------
// Indexes

interface Named {
    r: StackResource;
    rg?: string;
}

export class Index {
    private readonly ids = new Map<string, StackResource>();
    private readonly names = new Map<string, Named[]>();

    addId(r: StackResource): void {
        const id = knownString(r.outputs.id);
        if (id !== undefined) {
            this.ids.set(idKey(id), r);
        }
    }

    addName(kind: string, name: string | undefined, r: StackResource, rg: string | undefined = resourceGroupOf(r)): void {
        if (name === undefined) {
            return;
        }
        const key = `${kind}\u0000${name.toLowerCase()}`;
        const list = this.names.get(key) ?? [];
        list.push({ r, rg });
        this.names.set(key, list);
    }

    byId(id: string): StackResource | undefined {
        return this.ids.get(idKey(id));
    }

    /** Resources of a kind with this Azure name, in this resource group (or one not known). */
    byName(kind: string, name: string, rg: string | undefined): StackResource[] {
        const list = this.names.get(`${kind}\u0000${name.toLowerCase()}`) ?? [];
        const wanted = rg?.toLowerCase();
        return list.filter((n) => wanted === undefined || n.rg === undefined || n.rg === wanted).map((n) => n.r);
    }
}


/** Reads every object of a list property; a list or an item that is not one is a problem (unknown or malformed). */
export function forEachRecord(
    owner: string,
    listPath: string,
    list: unknown,
    problems: ExposureCause[],
    read: (item: Record<string, unknown>, path: string) => void,
): void {
    if (!Array.isArray(list)) {
        problems.push({ owner, path: listPath, why: isUnknown(list) ? "unknown" : "invalid" });
        return;
    }
    list.forEach((item, i) => {
        const path = joinPath(listPath, i);
        if (isRecord(item)) {
            read(item, path);
        } else {
            problems.push({ owner, path, why: isUnknown(item) ? "unknown" : "invalid" });
        }
    });
}
