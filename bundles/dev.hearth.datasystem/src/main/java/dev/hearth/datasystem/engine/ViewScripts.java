package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.js.FunctionBudgets;
import dev.hearth.js.FunctionSpec;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The scripts that run map and reduce functions in a {@link JsFunctions} session. The view's
 * source is compiled by an indirect {@code eval} of its text (passed as a string literal, so it
 * cannot change the script around it) and sees CouchDB's query-server globals: {@code emit} (the
 * only way a map function's results get out), {@code sum}, {@code isArray}, {@code toJSON} and a
 * {@code log} that discards. {@code map} takes one document and answers its rows {@code
 * [[key, value], ...]} (an undefined key or value is null); {@code reduce} takes {@code [keys,
 * values, rereduce]}.
 */
public final class ViewScripts {
    private static final String PRELUDE = """
            (function (source, kind) {
              'use strict';
              let rows = null;
              const define = (name, value) => Object.defineProperty(globalThis, name,
                  { value, writable: true, configurable: true, enumerable: false });
              define('emit', function (key, value) {
                if (rows === null) throw new Error('emit is only available in a map function');
                rows.push([key === undefined ? null : key, value === undefined ? null : value]);
              });
              define('log', function () {});
              define('isArray', Array.isArray);
              define('toJSON', (value) => JSON.stringify(value));
              define('sum', (values) => { let s = 0; for (const v of values) s += v; return s; });
              const fn = (0, eval)('(' + source + '\\n)');
              if (typeof fn !== 'function') throw new Error(kind + ' is not a function');
              return {
                map(input) {
                  rows = [];
                  try { fn(JSON.parse(input)); return JSON.stringify(rows); } finally { rows = null; }
                },
                reduce(input) {
                  const a = JSON.parse(input);
                  const r = fn(a[0], a[1], a[2]);
                  return JSON.stringify(r === undefined ? null : r);
                },
              };
            })""";

    private ViewScripts() {}

    /** Opens a session with the function; 400 {@code compilation_error} when it is no function. */
    public static JsFunctions open(Supplier<@Nullable JsSandbox> sandbox, ViewDef def, String kind, String source) {
        JsSandbox js = sandbox.get();
        if (js == null) {
            throw new CouchException(503, "unavailable", "The JavaScript sandbox is not running");
        }
        String script = PRELUDE + "(" + TextNode.valueOf(source) + ", '" + kind + "')";
        try {
            return js.functions(new FunctionSpec(
                    "_design/" + def.ddoc() + "/" + def.name() + " " + kind, script, FunctionBudgets.DEFAULTS));
        } catch (IllegalArgumentException e) {
            throw new CouchException(
                    400,
                    "compilation_error",
                    "Compilation of the " + kind + " function in the '" + def.name() + "' view failed: "
                            + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CouchException(503, "unavailable", "The JavaScript sandbox is not running");
        }
    }
}
