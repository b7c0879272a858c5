#pragma once

// What the dock's tests share: the dock over the real control layer with OBS's sources faked
// below it, and the few translated strings the tests read.
#include "control/controller.hpp"
#include "ui/qt_clipboard.hpp"

#include "fake_code_sources.hpp"

#include <QString>

#include <map>
#include <memory>
#include <string>

namespace stagehand::testing {

// The dock over the real control layer, with OBS's sources faked below it and Qt's own
// clipboard: what the dock does is checked in the sources' settings, as OBS would hold them.
struct Rig {
    std::shared_ptr<FakeCodeSources> sources;
    std::shared_ptr<control::Controller> controller;
    explicit Rig(std::shared_ptr<FakeCodeSources> code = std::make_shared<FakeCodeSources>())
        : sources(std::move(code)) {
        control::Controller::Options options;
        options.code = sources;
        options.clipboard = std::make_shared<ui::QtClipboard>();
        options.version = "0";
        controller = std::make_shared<control::Controller>(std::move(options));
    }
    void add(const std::string& name, const std::string& text, const std::string& file = {},
             const std::string& steps = {}, bool on_program = false) {
        auto s = code_source(name, steps, on_program);
        s.text = text;
        s.file = file;
        sources->add(s);
    }
    std::string text(const std::string& name) { return sources->get(name)->text; }
};

// Keys are shown as they are with no translator; tests use English-like values to read well.
inline QString english(const char* key) {
    const std::map<std::string, QString> strings = {
        {"Dock.Code.StepOf", QStringLiteral("Step %1 of %2")},
        {"Dock.Code.Following", QStringLiteral("Following %1")},
    };
    auto it = strings.find(key);
    return it == strings.end() ? QString::fromUtf8(key) : it->second;
}

} // namespace stagehand::testing
