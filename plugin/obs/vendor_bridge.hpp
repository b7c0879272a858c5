#pragma once

#include "control/controller.hpp"

#include <memory>

namespace stagehand {

// Opens the control layer to obs-websocket clients (Companion, Stream Deck, scripts) as the
// vendor "stagehand": every request of control/requests.hpp, and the controller's events as
// vendor events. Talks to obs-websocket through its documented proc-handler protocol, so the
// plugin needs neither its header nor its library and works the same without it.
//
// Threads: requests arrive on obs-websocket's threads and only call the controller. Events are
// emitted from whichever thread changed the state.
class VendorBridge {
public:
    explicit VendorBridge(std::shared_ptr<control::Controller> controller);
    ~VendorBridge();
    VendorBridge(const VendorBridge&) = delete;
    VendorBridge& operator=(const VendorBridge&) = delete;

    // From obs_module_post_load (obs-websocket registers its proc handler when it loads).
    // False, with a log line, when obs-websocket is absent or refuses the vendor.
    bool open();
    // Unregisters the requests and stops emitting: called when OBS is exiting, while
    // obs-websocket is still loaded, and again (harmlessly) at module unload. Nothing reaches
    // obs-websocket afterwards.
    void close();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace stagehand
