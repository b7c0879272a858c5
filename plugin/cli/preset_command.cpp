#include "cli/preset_command.hpp"

#include "cli/locations.hpp"

#include "core/chat/platform.hpp"
#include "core/preset/accessibility.hpp"
#include "core/preset/library.hpp"
#include "core/preset/schema.hpp"

#include <cstdio>
#include <string>

namespace stagehand::cli {

namespace {

constexpr const char* kUsage = "usage: stagehand-cli preset check FILE...\n"
                               "       stagehand-cli preset list\n"
                               "       stagehand-cli preset schema\n";

int usage(const std::string& problem) {
    std::fprintf(stderr, "stagehand-cli preset: %s\n%s", problem.c_str(), kUsage);
    return 2;
}

void line(std::FILE* to, const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), to);
    std::fputc('\n', to);
}

int check(const QStringList& files) {
    if (files.isEmpty())
        return usage("check: name at least one preset file");
    core::preset::CheckContext context;
    for (const auto& platform : core::chat::platforms())
        context.marks.emplace_back(platform.name, platform.color);
    bool failed = false;
    for (const QString& file : files) {
        const std::string name = file.toStdString();
        const auto loaded = core::preset::load_file(name);
        for (const auto& error : loaded.errors)
            line(stdout, name + ": " + error.text());
        failed = failed || !loaded.preset;
        if (loaded.preset)
            for (const auto& warning : core::preset::check(*loaded.preset, context))
                line(stdout, name + ": warning: " + warning.text());
    }
    return failed ? 1 : 0;
}

} // namespace

int run_preset(const QStringList& arguments) {
    if (arguments.isEmpty())
        return usage("name a command: check, list or schema");
    const QString command = arguments.first();
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("check"))
        return check(rest);
    if (command == QLatin1String("list")) {
        if (!rest.isEmpty())
            return usage("list takes no arguments");
        for (const auto& entry : core::preset::list(builtin_folder(), user_folder()))
            line(stdout, entry.name + (entry.preset ? "" : "  (does not load: run preset check)"));
        return 0;
    }
    if (command == QLatin1String("schema")) {
        if (!rest.isEmpty())
            return usage("schema takes no arguments");
        line(stdout, core::preset::schema().dump(2));
        return 0;
    }
    return usage("unknown command \"" + command.toStdString() + "\"");
}

} // namespace stagehand::cli
