import { describe, expect, it } from "vitest";
import { list, msg, safe } from "../../policy-pack/src/engine/messages";

describe("safe message parts", () => {
    it("shows parsed values in canonical form", () => {
        expect(safe.word("tCp", ["Tcp", "Udp", "*"])).toBe("Tcp");
        expect(safe.guid("8E3AF657-A8FF-443C-A75C-2FE8C4BCB635")).toBe("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
        expect(safe.cidr(" 10.0.0.0/8 ")).toBe("10.0.0.0/8");
        expect(safe.integer(3389)).toBe("3389");
    });

    it("never passes a raw string through", () => {
        const secretish = "p@ssw0rd-7f3a";
        for (const part of [safe.word(secretish, ["Allow"]), safe.guid(secretish), safe.cidr(secretish), safe.name(`${secretish}!`)]) {
            expect(part).not.toContain(secretish);
        }
    });

    it("builds messages and lists", () => {
        expect(msg`port ${safe.integer(22)} is open on ${safe.name("jump-nsg")}`).toBe("port 22 is open on jump-nsg");
        expect(list([safe.integer(3389), safe.integer(22), safe.integer(5985)])).toBe("3389, 22 and 5985");
        expect(list([safe.integer(3389)])).toBe("3389");
    });
});
