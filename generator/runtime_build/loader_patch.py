"""pyodide.asm.mjs (Emscripten's loader of the wasm) taught to run a wasm split in two by wasm-split: functions the
profile never saw run are in a second module; the first module imports a stand-in for each ("placeholder"), at
the function's place in the table. The first call of a stand-in fetches the second module synchronously (it is
a call from inside Python, which cannot wait: a synchronous XMLHttpRequest, allowed in a worker; the file in
Node), instantiates it on the first module's memory and tables (its element segment puts the real functions in
place of the stand-ins), then calls the real function. The first module names its second in a custom section
(SECONDARY_SECTION), so a first part never loads a second part made by another build."""
from __future__ import annotations

SECONDARY_SECTION = "sejour.secondary"

_RECEIVE = "function receiveInstance(instance,module){wasmExports=instance.exports;"
_IMPORTS = "var info=getWasmImports();"

# Kept readable: this is the only code of ours inside Pyodide's loader. `sejourSecondary` is Module's too, for
# the build's checks (how many times the second part was loaded, the raw exports for the profile).
_SECONDARY_LOADER = r"""
var sejourSecondary={name:null,loads:0,exports:null};Module["sejourSecondary"]=sejourSecondary;
function sejourPlaceholders(){
  return new Proxy({},{get(_,key){
    if(typeof key!=="string")return undefined;
    var index=Number(key);
    return function(...args){
      var stand=wasmTable.get(index);
      if(!sejourSecondary.loads)sejourLoadSecondary();
      var real=wasmTable.get(index);
      if(real===stand)throw new Error("the runtime's second part has no function at table index "+index);
      return real(...args);
    };
  }});
}
function sejourLoadSecondary(){
  if(!sejourSecondary.name)throw new Error("this runtime names no second part");
  var where=scriptDirectory+sejourSecondary.name,bytes;
  if(ENVIRONMENT_IS_NODE){bytes=require("node:fs").readFileSync(where.startsWith("file:")?new URL(where):where)}
  else{
    var request=new XMLHttpRequest;
    request.open("GET",where,false);
    request.responseType="arraybuffer";
    request.send(null);
    if(request.status!==200)throw new Error(where+": HTTP "+request.status);
    bytes=new Uint8Array(request.response);
  }
  new WebAssembly.Instance(new WebAssembly.Module(bytes),{primary:sejourSecondary.exports});
  sejourSecondary.loads++;
}
"""

_RECEIVE_PATCHED = (_RECEIVE + 'sejourSecondary.exports=instance.exports;var sejourNamed=WebAssembly.Module.customSections('
                    f'module,"{SECONDARY_SECTION}");if(sejourNamed.length)sejourSecondary.name=new TextDecoder()'
                    '.decode(sejourNamed[0]);')


def patched_loader(source: str) -> str:
    """pyodide.asm.mjs with the second part's loader; each place patched must be found exactly once."""
    for anchor in (_RECEIVE, _IMPORTS):
        if source.count(anchor) != 1:
            raise ValueError(f"pyodide.asm.mjs: expected one {anchor!r}: not the Pyodide this patch was written for")
    source = source.replace(_RECEIVE, _RECEIVE_PATCHED)
    source = source.replace(_IMPORTS, _IMPORTS + "info.placeholder=sejourPlaceholders();")
    # Inside createWasm's module scope: before the function that receives the instance.
    at = source.index("async function createWasm(){")
    return source[:at] + _SECONDARY_LOADER.strip() + "\n" + source[at:]
