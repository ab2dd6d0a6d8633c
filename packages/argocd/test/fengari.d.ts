// fengari ships no types; these cover the part of its C-like API the Lua test VM uses.
declare module 'fengari' {
  /** A Lua state (`lua_State *` in C). */
  export interface LuaState {
    readonly __luaState: never;
  }
  export type LuaCFunction = (L: LuaState) => number;
  export type LuaHook = (L: LuaState, ar: unknown) => void;

  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_TNIL: number;
    readonly LUA_TSTRING: number;
    readonly LUA_TTABLE: number;
    readonly LUA_MASKCOUNT: number;
    lua_close(L: LuaState): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_getfield(L: LuaState, index: number, key: Uint8Array): number;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_pop(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushinteger(L: LuaState, n: number): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: Uint8Array): void;
    lua_rawseti(L: LuaState, index: number, n: number): void;
    lua_setfield(L: LuaState, index: number, key: Uint8Array): void;
    lua_setglobal(L: LuaState, name: Uint8Array): void;
    lua_sethook(L: LuaState, hook: LuaHook, mask: number, count: number): void;
    lua_tojsstring(L: LuaState, index: number): string;
    lua_type(L: LuaState, index: number): number;
    lua_typename(L: LuaState, type: number): Uint8Array;
  };
  export const lauxlib: {
    luaL_error(L: LuaState, message: Uint8Array): never;
    luaL_loadstring(L: LuaState, s: Uint8Array): number;
    luaL_newstate(): LuaState;
    luaL_requiref(L: LuaState, modname: Uint8Array, openf: LuaCFunction, glb: number): void;
  };
  export const lualib: {
    luaopen_base: LuaCFunction;
    luaopen_os: LuaCFunction;
    luaopen_package: LuaCFunction;
    luaopen_table: LuaCFunction;
  };
  export function to_jsstring(s: Uint8Array): string;
  export function to_luastring(s: string): Uint8Array;
}
