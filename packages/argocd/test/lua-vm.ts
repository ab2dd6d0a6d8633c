import { lauxlib, lua, lualib, to_jsstring, to_luastring, type LuaCFunction, type LuaState } from 'fengari';
import { parse } from 'luaparse';

/** What a health check returns once Argo CD has read it (gitops-engine `health.HealthStatus`). */
export interface HealthResult {
  readonly status: string;
  readonly message?: string;
}

/** The codes Argo CD accepts from a health script; any other becomes Unknown (util/lua/lua.go, v3.1.5). */
export const HEALTH_CODES: readonly string[] = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

/**
 * Argo CD stops a health script after one second (util/lua/lua.go, v3.1.5). An instruction budget
 * stands in for it here: a runaway loop fails the test instead of hanging the worker.
 */
const INSTRUCTION_BUDGET = 1_000_000;

/**
 * Runs a health script the way Argo CD runs a custom check from argocd-cm (v3.1.5,
 * util/lua/lua.go `runLuaWithResourceActionParameters` and `ExecuteHealthLua`), and throws on
 * anything Argo CD would turn into an error or an Unknown status.
 *
 * Argo CD runs gopher-lua, which speaks Lua 5.1; fengari speaks 5.3. So the script is first parsed
 * as Lua 5.1 (no goto, `//`, bitwise operators...), and the environment is cut down to what Argo
 * CD opens without `useOpenLibs`: the base, package and table libraries and an os with only time
 * and date, minus the 5.2+ functions gopher-lua v1.1.1 lacks (baselib.go, tablelib.go). No string
 * or math library, so `("x"):find()` fails here as it does there.
 */
export function runHealthLua(script: string, obj: unknown): HealthResult {
  try {
    parse(script, { luaVersion: '5.1' });
  } catch (error) {
    throw new Error(`health script is not Lua 5.1: ${(error as Error).message}`);
  }
  const L = lauxlib.luaL_newstate();
  try {
    openArgoCdLibraries(L);
    pushDecoded(L, obj);
    lua.lua_setglobal(L, to_luastring('obj'));
    lua.lua_sethook(L, (state) => lauxlib.luaL_error(state, to_luastring(`exceeded ${INSTRUCTION_BUDGET} instructions`)), lua.LUA_MASKCOUNT, INSTRUCTION_BUDGET);
    if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
      throw new Error(`health script raised a Lua error: ${lua.lua_tojsstring(L, -1)}`);
    }
    return readResult(L);
  } finally {
    lua.lua_close(L);
  }
}

const LIBRARIES: ReadonlyArray<readonly [string, LuaCFunction]> = [
  ['_G', lualib.luaopen_base],
  ['package', lualib.luaopen_package],
  ['table', lualib.luaopen_table],
  ['os', lualib.luaopen_os],
];

/** Argo CD's safe os (util/lua/oslib_safe.go) and gopher-lua's base and table libraries, as Lua 5.1 has them. */
const RESTRICT_TO_ARGO_CD = `
os = { time = os.time, date = os.date }
package.loaded.os = os
rawlen = nil
table.move = nil
table.pack = nil
table.unpack = nil
`;

function openArgoCdLibraries(L: LuaState): void {
  for (const [name, open] of LIBRARIES) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  if (lauxlib.luaL_loadstring(L, to_luastring(RESTRICT_TO_ARGO_CD)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) {
    throw new Error(`could not set up the Argo CD Lua environment: ${lua.lua_tojsstring(L, -1)}`);
  }
}

/** JSON to Lua as Argo CD's `decodeValue` does it: arrays become 1-based sequences, null becomes nil. */
function pushDecoded(L: LuaState, value: unknown): void {
  if (value === null || value === undefined) {
    lua.lua_pushnil(L);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (typeof value === 'number') {
    // gopher-lua numbers are doubles printed without ".0"; 5.3 prints integers that way only.
    if (Number.isInteger(value)) lua.lua_pushinteger(L, value);
    else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, to_luastring(value));
  } else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, index) => {
      pushDecoded(L, item);
      lua.lua_rawseti(L, -2, index + 1);
    });
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      pushDecoded(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  } else {
    throw new Error(`cannot pass a ${typeof value} to Lua: Kubernetes objects hold JSON values only`);
  }
}

/** The returned table as Argo CD reads it: a known status code and, if any, a string message. */
function readResult(L: LuaState): HealthResult {
  const type = lua.lua_type(L, -1);
  if (type !== lua.LUA_TTABLE) {
    throw new Error(`health script returned a ${to_jsstring(lua.lua_typename(L, type))}, expected a table`);
  }
  const status = stringField(L, 'status');
  if (status === undefined || !HEALTH_CODES.includes(status)) {
    throw new Error(`health script returned status ${String(status)}; Argo CD turns anything but ${HEALTH_CODES.join(', ')} into Unknown`);
  }
  const message = stringField(L, 'message');
  return message === undefined ? { status } : { status, message };
}

function stringField(L: LuaState, key: string): string | undefined {
  const type = lua.lua_getfield(L, -1, to_luastring(key));
  try {
    if (type === lua.LUA_TNIL) return undefined;
    if (type !== lua.LUA_TSTRING) throw new Error(`health script returned a ${to_jsstring(lua.lua_typename(L, type))} as ${key}, expected a string`);
    return lua.lua_tojsstring(L, -1);
  } finally {
    lua.lua_pop(L, 1);
  }
}
