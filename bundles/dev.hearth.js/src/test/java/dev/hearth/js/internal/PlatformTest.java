package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.js.ModuleSource;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web platform a bundled script expects, as seen from the script. */
class PlatformTest {
    @Test
    void textEncodingRoundTripsUnicode() {
        assertThat(Sandboxes.print("""
                const b = new TextEncoder().encode('h\u00e9\u20ac\ud83d\ude00');
                console.log(Array.from(b).join(','));
                console.log(new TextDecoder().decode(b) === 'h\u00e9\u20ac\ud83d\ude00');
                console.log(new TextDecoder('latin1').decode(new Uint8Array([104, 233])));
                """)).isEqualTo("104,195,169,226,130,172,240,159,152,128\ntrue\nh\u00e9\n");
    }

    @Test
    void base64MatchesTheWebDefinition() {
        assertThat(Sandboxes.print("""
                console.log(btoa('hello'), btoa(''), btoa('ab'), atob('aGVsbG8='), atob('YWI'));
                try { btoa('\u20ac'); } catch (e) { console.log(e.name); }
                try { atob('***'); } catch (e) { console.log(e.name); }
                """))
                .isEqualTo("aGVsbG8=  YWI= hello ab\nInvalidCharacterError\nInvalidCharacterError\n");
    }

    @Test
    void urlParsesResolvesAndEditsItsQuery() {
        assertThat(Sandboxes.print("""
                const u = new URL('../b/c?x=1&y=a+b#frag', 'https://Example.COM:443/a/d/e');
                console.log(u.href, u.host, u.pathname, u.search, u.hash, u.origin);
                u.searchParams.append('z', 'a b&c');
                console.log(u.href);
                console.log(u.searchParams.get('y'), [...u.searchParams.keys()].join());
                console.log(new URL('http://h:8080/p').port, URL.canParse('nope'), URL.canParse('/x', 'http://h'));
                try { new URL('not a url'); } catch (e) { console.log(e instanceof TypeError); }
                const p = new URLSearchParams({ a: '1', b: '\u00e9 !' });
                p.set('a', '2'); p.sort();
                console.log(p.toString(), p.has('b'), p.size);
                """))
                .isEqualTo(
                        "https://example.com/a/b/c?x=1&y=a+b#frag example.com /a/b/c ?x=1&y=a+b #frag https://example.com\n"
                                + "https://example.com/a/b/c?x=1&y=a+b&z=a+b%26c#frag\n"
                                + "a b x,y,z\n"
                                + "8080 false true\n"
                                + "true\n"
                                + "a=2&b=%C3%A9+%21 true 2\n");
    }

    @Test
    void timersRunInOrderOnTheRunsOwnLoop() {
        assertThat(Sandboxes.print("""
                const out = [];
                setTimeout(() => out.push('late'), 1000);
                setTimeout(() => out.push('t0'), 0);
                setImmediate(() => out.push('imm'));
                queueMicrotask(() => out.push('micro'));
                process.nextTick(() => out.push('tick'));
                let n = 0;
                const i = setInterval(() => { out.push('i' + n); if (++n === 3) clearInterval(i); }, 1);
                const cancelled = setTimeout(() => out.push('never'), 1);
                clearTimeout(cancelled);
                setTimeout(() => console.log(out.join(' ')), 2000);
                """)).isEqualTo("micro tick t0 imm i0 i1 i2 late\n");
    }

    @Test
    void anUnrefTimerDoesNotKeepTheRunAlive() {
        RunResult r = Sandboxes.run("setTimeout(() => { throw new Error('ran') }, 60000).unref(); console.log('done')");
        assertThat(r.completed()).as(r.error()).isTrue();
        assertThat(r.usage().wallMillis()).isLessThan(30_000);
    }

    @Test
    void cryptoGivesRandomValuesUuidsAndDigests() {
        assertThat(Sandboxes.print("""
                const a = crypto.getRandomValues(new Uint8Array(32));
                console.log(a.some(x => x !== 0), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
                crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then(d =>
                  console.log(Array.from(new Uint8Array(d), x => x.toString(16).padStart(2, '0')).join('')));
                """))
                .isEqualTo("true true\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
    }

    @Test
    void processEnvAndExitFollowNode() {
        RunSpec spec = RunSpec.script(
                        "env",
                        "console.log(process.env.COZY_URL, typeof process.env.HOME); process.exit(3); console.log('not here')")
                .env("COZY_URL", "http://alice.localhost:8080/")
                .host(new Sandboxes.Recorder())
                .build();
        RunResult r = Sandboxes.SANDBOX.run(spec);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        Sandboxes.Recorder host = (Sandboxes.Recorder) spec.host();
        assertThat(host.stdout()).isEqualTo("http://alice.localhost:8080/ undefined\n");
        assertThat(Sandboxes.run("process.exit(0); throw new Error('x')").completed())
                .isTrue();
    }

    @Test
    void processExitCodeEndsARunThatEndsOnItsOwn() {
        RunResult failed = Sandboxes.run("process.exitCode = 4; setTimeout(() => console.log('later'), 1)");
        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(Sandboxes.run("process.exitCode = 4; process.exitCode = 0").completed())
                .isTrue();
    }

    @Test
    void requireLoadsOnlyTheModuleMap() {
        Sandboxes.Recorder host = new Sandboxes.Recorder();
        RunResult r = Sandboxes.SANDBOX.run(RunSpec.builder(
                        "modules",
                        ModuleSource.of(Map.of(
                                "index.js",
                                        "const u = require('./lib/util'); const p = require('pkg'); const d = require('./data.json');"
                                                + "console.log(u.twice(2), p.name, d.n, require('./lib/util') === u, __filename);"
                                                + "try { require('fs') } catch (e) { console.log(e.code) }"
                                                + "try { require('../outside') } catch (e) { console.log(e.message) }",
                                "lib/util.js", "exports.twice = x => x * 2;",
                                "node_modules/pkg/package.json", "{\"main\": \"main.js\"}",
                                "node_modules/pkg/main.js", "module.exports = { name: 'pkg' };",
                                "data.json", "{\"n\": 7}")))
                .host(host)
                .build());
        assertThat(r.completed()).as(r.error()).isTrue();
        assertThat(host.stdout())
                .isEqualTo("4 pkg 7 true /index.js\nMODULE_NOT_FOUND\nCannot find module '../outside'\n");
    }

    @Test
    void jsonLinesOnStdoutBecomeEvents() {
        Sandboxes.Recorder host = new Sandboxes.Recorder();
        RunResult r = Sandboxes.run("""
                console.log(JSON.stringify({ type: 'info', message: 'Logging in' }));
                process.stdout.write('{"type":"error","message":"LOGIN_FAILED","no_retry":true}\\nplain line\\n');
                console.log(JSON.stringify({ type: 'critical', message: 'x'.repeat(5000) }));
                console.error('to stderr');
                """, dev.hearth.js.Budgets.DEFAULTS, host);
        assertThat(r.completed()).isTrue();
        assertThat(r.events()).extracting(e -> e.type()).containsExactly("info", "error", "critical");
        assertThat(r.events().get(1).noRetry()).isTrue();
        assertThat(r.events().get(2).message()).hasSize(4000);
        assertThat(r.lastErrorMessage()).startsWith("xxx");
        assertThat(host.events).hasSize(3);
        assertThat(host.lines).containsExactly("stdout: plain line", "stderr: to stderr");
    }

    @Test
    void hostCallsExchangeJson() {
        Sandboxes.Recorder host = new Sandboxes.Recorder() {
            @Override
            public String call(String name, String json) {
                return name.equals("echo") ? "{\"got\":" + json + "}" : null;
            }
        };
        assertThat(Sandboxes.run("""
                const r = hearth.call('echo', { a: [1, 2] });
                console.log(JSON.stringify(r), hearth.call('other'));
                """, dev.hearth.js.Budgets.DEFAULTS, host).completed())
                .isTrue();
        assertThat(host.stdout()).isEqualTo("{\"got\":{\"a\":[1,2]}} undefined\n");
    }

    @Test
    void fetchClassesWorkWithoutTheNetwork() {
        assertThat(Sandboxes.print("""
                const h = new Headers({ 'Content-Type': 'text/plain' });
                h.append('X-A', '1'); h.append('x-a', '2');
                console.log(h.get('content-type'), h.get('x-a'), [...h.keys()].join());
                const r = Response.json({ ok: 1 }, { status: 201 });
                r.json().then(j => console.log(r.status, r.ok, j.ok, r.headers.get('content-type')));
                const f = new FormData(); f.append('a', '1'); f.append('file', new Blob(['hi'], { type: 'text/plain' }), 'h.txt');
                console.log(f.get('a'), f.get('file').name, f.get('file').size);
                new Blob(['ab', new Uint8Array([99])]).text().then(t => console.log(t));
                const c = new AbortController(); c.signal.addEventListener('abort', () => console.log('aborted', c.signal.reason.name)); c.abort();
                const req = new Request('https://example.com/x', { method: 'post', body: new URLSearchParams({ q: 'a b' }) });
                req.text().then(t => console.log(req.method, req.headers.get('content-type'), t));
                """))
                .isEqualTo("text/plain 1, 2 content-type,x-a\n"
                        + "1 h.txt 2\n"
                        + "aborted AbortError\n"
                        + "abc\n"
                        + "POST application/x-www-form-urlencoded;charset=UTF-8 q=a+b\n"
                        + "201 true 1 application/json\n");
    }
}
