// What a test file started and must stop when it ends (setup.ts runs these after each file). Kept
// apart from the harness that registers them, so that files which start nothing load none of it.
const closers: (() => unknown)[] = [];

export function onFileEnd(close: () => unknown): void {
    closers.push(close);
}

export async function closeAll(): Promise<void> {
    for (const close of closers.splice(0)) {
        await close();
    }
}
