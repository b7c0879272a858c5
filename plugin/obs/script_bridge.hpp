#pragma once

namespace stagehand {

// Opens the control layer to everything inside OBS's process (OBS Lua/Python scripts, other
// plugins, the render tests) as the libobs procedure
//   void stagehand_request(in string request, in string data, out string response)
// on OBS's global proc handler: the same requests and JSON answers as the obs-websocket vendor.
// libobs cannot remove a procedure: after the module unloads it answers
// {"ok": false, "error": "Stagehand is unloaded"}.
void register_script_bridge();

} // namespace stagehand
