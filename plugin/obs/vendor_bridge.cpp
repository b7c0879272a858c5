#include "obs/vendor_bridge.hpp"

#include "obs/log.hpp"
#include "obs/obs_handles.hpp"

#include "control/requests.hpp"
#include "core/base/cpu_cost.hpp"
#include "core/base/json_fields.hpp"

#include <callback/calldata.h>
#include <callback/proc.h>
#include <obs.h>

#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace stagehand {

namespace {

constexpr const char* kVendorName = "stagehand";

// obs-websocket's request callback, as its public API documents it: the request's data, the
// response to fill, and the pointer given at registration.
using RequestFunction = void (*)(obs_data_t* request, obs_data_t* response, void* priv);
struct RequestCallback {
    RequestFunction callback;
    void* priv_data;
};

// A calldata_t for one call: libobs' calldata_free does not reset it, so one is never reused.
class CallData {
public:
    CallData() { calldata_init(&data_); }
    ~CallData() { calldata_free(&data_); }
    CallData(const CallData&) = delete;
    CallData& operator=(const CallData&) = delete;
    calldata_t* get() { return &data_; }

private:
    calldata_t data_;
};

// Runs a named procedure of obs-websocket's proc handler on `vendor` and reads its "success".
bool call_vendor_proc(proc_handler_t* ph, void* vendor, const char* proc, calldata_t* cd) {
    calldata_set_ptr(cd, "vendor", vendor);
    if (!proc_handler_call(ph, proc, cd))
        return false;
    return calldata_bool(cd, "success");
}

nlohmann::json request_json(obs_data_t* request) {
    const char* text = request ? obs_data_get_json(request) : nullptr;
    if (!text || !*text)
        return nlohmann::json::object();
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json::object() : parsed;
}

// Copies a JSON object into an obs_data the way obs-websocket turns it back into JSON. obs_data
// has no null and its arrays hold only objects: a null value is left out.
void fill(obs_data_t* target, const nlohmann::json& value) {
    obs::Data data(obs_data_create_from_json(core::json_text(value).c_str()));
    if (data)
        obs_data_apply(target, data.get());
}

} // namespace

struct VendorBridge::Impl {
    std::shared_ptr<control::Controller> controller;
    // Guards the handle and the open flag: close() waits for events being emitted, and nothing
    // is emitted after it returns. Emitters share it, so one slow emit never holds up another
    // thread's event; only open() and close() take it alone.
    std::shared_mutex mutex;
    proc_handler_t* ph = nullptr;
    void* vendor = nullptr;
    bool open = false;
    std::uint64_t listener = 0;
    // One per request, stable for the bridge's life: obs-websocket keeps the pointers.
    struct Binding {
        Impl* impl;
        std::string name;
    };
    std::vector<std::unique_ptr<Binding>> bindings;

    static void on_request(obs_data_t* request, obs_data_t* response, void* priv) noexcept {
        const core::CostMeter meter(core::CostPlace::requests);
        auto* binding = static_cast<Binding*>(priv);
        nlohmann::json answer;
        try {
            answer = control::handle_request(*binding->impl->controller, binding->name,
                                             request_json(request));
        } catch (const std::exception& e) {
            answer = {{"ok", false}, {"error", std::string("internal error: ") + e.what()}};
        } catch (...) {
            answer = {{"ok", false}, {"error", "internal error"}};
        }
        try {
            fill(response, answer);
        } catch (...) {
            obs_data_set_bool(response, "ok", false);
        }
    }

    void send_event(const control::Event& event) {
        const core::CostMeter meter(core::CostPlace::events);
        std::shared_lock lock(mutex);
        if (!open)
            return;
        obs::Data data(obs_data_create_from_json(core::json_text(event.data).c_str()));
        CallData cd;
        calldata_set_string(cd.get(), "type", event.name.c_str());
        calldata_set_ptr(cd.get(), "data", data.get());
        if (!call_vendor_proc(ph, vendor, "vendor_event_emit", cd.get()))
            log(LOG_DEBUG, "obs-websocket did not take the %s event", event.name.c_str());
    }
};

VendorBridge::VendorBridge(std::shared_ptr<control::Controller> controller)
    : impl_(std::make_shared<Impl>()) {
    impl_->controller = std::move(controller);
}

VendorBridge::~VendorBridge() {
    close();
}

bool VendorBridge::open() {
    std::lock_guard lock(impl_->mutex);
    if (impl_->open)
        return true;
    {
        CallData cd;
        const bool found =
            proc_handler_call(obs_get_proc_handler(), "obs_websocket_api_get_ph", cd.get());
        impl_->ph = found ? static_cast<proc_handler_t*>(calldata_ptr(cd.get(), "ph")) : nullptr;
    }
    if (!impl_->ph) {
        log(LOG_INFO, "obs-websocket is not loaded: remote control (vendor \"%s\") is off",
            kVendorName);
        return false;
    }
    {
        CallData cd;
        calldata_set_string(cd.get(), "name", kVendorName);
        proc_handler_call(impl_->ph, "vendor_register", cd.get());
        impl_->vendor = calldata_ptr(cd.get(), "vendor");
    }
    if (!impl_->vendor) {
        log(LOG_WARNING, "obs-websocket refused the vendor \"%s\": remote control is off",
            kVendorName);
        return false;
    }
    std::size_t registered = 0;
    for (const auto& spec : control::requests()) {
        auto binding = std::make_unique<Impl::Binding>(Impl::Binding{impl_.get(), spec.name});
        RequestCallback callback{&Impl::on_request, binding.get()};
        CallData cd;
        calldata_set_string(cd.get(), "type", spec.name.c_str());
        calldata_set_ptr(cd.get(), "callback", &callback);
        if (call_vendor_proc(impl_->ph, impl_->vendor, "vendor_request_register", cd.get()))
            ++registered;
        else
            log(LOG_WARNING, "obs-websocket refused the request %s", spec.name.c_str());
        impl_->bindings.push_back(std::move(binding));
    }
    impl_->open = true;
    // The listener holds the bridge weakly: an event racing the module's unload finds it gone.
    std::weak_ptr<Impl> weak = impl_;
    impl_->listener = impl_->controller->subscribe([weak](const control::Event& event) {
        if (auto impl = weak.lock())
            impl->send_event(event);
    });
    log(LOG_INFO, "remote control: vendor \"%s\" registered with obs-websocket (%zu requests)",
        kVendorName, registered);
    return true;
}

void VendorBridge::close() {
    proc_handler_t* ph = nullptr;
    void* vendor = nullptr;
    std::uint64_t listener = 0;
    {
        // From here on nothing is emitted; an event being emitted right now finishes first.
        std::lock_guard lock(impl_->mutex);
        if (!impl_->open)
            return;
        impl_->open = false;
        ph = impl_->ph;
        vendor = impl_->vendor;
        listener = impl_->listener;
    }
    impl_->controller->unsubscribe(listener);
    // Outside the lock: obs-websocket may be running one of our requests right now, and that
    // request may emit an event.
    for (const auto& binding : impl_->bindings) {
        CallData cd;
        calldata_set_string(cd.get(), "type", binding->name.c_str());
        call_vendor_proc(ph, vendor, "vendor_request_unregister", cd.get());
    }
    log(LOG_INFO, "remote control: vendor \"%s\" closed", kVendorName);
}

} // namespace stagehand
