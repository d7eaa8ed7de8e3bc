/**
 * Finds which of many patterns occur inside a text in one pass over the text, however
 * many patterns there are (Aho–Corasick). Edges live in one map keyed by (node, character)
 * rather than a map per node, so 100,000 patterns stay a few tens of megabytes; an ASCII
 * edge's key is a small integer (V8 hashes those fastest), any other character's a string.
 */
export class SubstringAutomaton<T> {
    private readonly edges = new Map<number | string, number>();
    private readonly parent: number[] = [0];
    private readonly via: number[] = [0];
    private readonly depth: number[] = [0];
    private fail: number[] = [];
    /** The nearest node down the fail chain that ends a pattern (0: none). */
    private dict: number[] = [];
    private readonly ends = new Map<number, T[]>();
    private built = false;

    private static key(node: number, code: number): number | string {
        return code < 128 && node < 0x400000 ? node * 128 + code : `${node}:${code}`;
    }

    add(pattern: string, payload: T): void {
        if (this.built) throw new Error('The automaton is already built');
        let node = 0;
        for (let i = 0; i < pattern.length; i++) {
            const code = pattern.charCodeAt(i);
            let next = this.edges.get(SubstringAutomaton.key(node, code));
            if (next === undefined) {
                next = this.parent.length;
                this.parent.push(node);
                this.via.push(code);
                this.depth.push(i + 1);
                this.edges.set(SubstringAutomaton.key(node, code), next);
            }
            node = next;
        }
        const list = this.ends.get(node);
        if (list) list.push(payload);
        else this.ends.set(node, [payload]);
    }

    /** Links each node to its longest proper suffix in the trie; nodes are taken by depth so suffixes come first. */
    build(): void {
        const count = this.parent.length;
        this.fail = new Array<number>(count).fill(0);
        this.dict = new Array<number>(count).fill(0);
        const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => this.depth[a] - this.depth[b]);
        for (const node of order) {
            if (this.depth[node] < 2) continue;
            const code = this.via[node];
            let f = this.fail[this.parent[node]];
            for (;;) {
                const next = this.edges.get(SubstringAutomaton.key(f, code));
                if (next !== undefined) {
                    this.fail[node] = next;
                    break;
                }
                if (f === 0) break;
                f = this.fail[f];
            }
            const target = this.fail[node];
            this.dict[node] = this.ends.has(target) ? target : this.dict[target];
        }
        this.built = true;
    }

    /** Calls `found` with the payload of every pattern occurring in `text` (each occurrence). */
    scan(text: string, found: (payload: T) => void): void {
        if (!this.built) this.build();
        let node = 0;
        for (let i = 0; i < text.length; i++) {
            const code = text.charCodeAt(i);
            for (;;) {
                const next = this.edges.get(SubstringAutomaton.key(node, code));
                if (next !== undefined) {
                    node = next;
                    break;
                }
                if (node === 0) break;
                node = this.fail[node];
            }
            for (let out = this.ends.has(node) ? node : this.dict[node]; out !== 0; out = this.dict[out]) {
                for (const payload of this.ends.get(out)!) found(payload);
            }
        }
    }
}
