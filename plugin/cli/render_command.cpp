#include "cli/render_command.hpp"

#include "cli/locations.hpp"
#include "core/preset/library.hpp"
#include "offscreen/render_job.hpp"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace stagehand::cli {

namespace {

constexpr const char* kUsage =
    "usage: stagehand-cli render --preset FILE|NAME --code FILE [--lang L] [--out OUT.png] "
    "[--size WxH]\n"
    "       stagehand-cli render --preset FILE|NAME --question TEXT [--author NAME] --out OUT.png "
    "[--size WxH]\n"
    "       stagehand-cli render --preset FILE|NAME --slide N/M [--talk FILE] --out OUT.png "
    "[--size WxH]\n"
    "       stagehand-cli render --preset FILE|NAME --stage [--code FILE] [--question TEXT] "
    "[--slide N/M] [--scale S] --out OUT.png\n"
    "       (add --verbose for libobs' whole log)\n";

int usage(const std::string& problem) {
    std::fprintf(stderr, "stagehand-cli render: %s\n%s", problem.c_str(), kUsage);
    return 2;
}

// "3/12" -> 3 and 12.
bool parse_slide(const std::string& text, int& slide, int& total) {
    const auto slash = text.find('/');
    if (slash == std::string::npos)
        return false;
    const char* end = text.data() + text.size();
    const auto a = std::from_chars(text.data(), text.data() + slash, slide);
    const auto b = std::from_chars(text.data() + slash + 1, end, total);
    return a.ec == std::errc() && a.ptr == text.data() + slash && b.ec == std::errc() &&
           b.ptr == end && total >= 1 && total <= 100000 && slide >= 1 && slide <= total;
}

// libobs draws through an X display; with none, the same command runs again in a private Xvfb
// (STAGEHAND_CLI_XVFB keeps that from happening twice).
int rerun_under_xvfb() {
    const QString xvfb_run = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    if (xvfb_run.isEmpty() || qEnvironmentVariableIsSet("STAGEHAND_CLI_XVFB")) {
        std::fprintf(stderr, "stagehand-cli render: there is no display (DISPLAY is unset) and "
                             "xvfb-run is not installed: run it on a desktop, or install xvfb\n");
        return 1;
    }
    qputenv("STAGEHAND_CLI_XVFB", "1");
    std::vector<std::string> args = {xvfb_run.toStdString(), "-a", "-s",
                                     "-screen 0 1280x720x24 -nolisten tcp"};
    for (const QString& a : QCoreApplication::arguments())
        args.push_back(a.toStdString());
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "stagehand-cli render: could not run %s\n", args[0].c_str());
    return 1;
}

} // namespace

int run_render(const QStringList& arguments) {
    offscreen::RenderJob job;
    std::string preset_name;
    bool stage = false;
    bool have_slide = false;
    std::string scale;
    for (int i = 0; i < arguments.size(); ++i) {
        const std::string a = arguments[i].toStdString();
        const auto value = [&](std::string& into) {
            if (i + 1 >= arguments.size())
                return false;
            into = arguments[++i].toStdString();
            return true;
        };
        std::string slide;
        bool ok = true;
        if (a == "--preset")
            ok = value(preset_name);
        else if (a == "--code")
            ok = value(job.code_file);
        else if (a == "--lang")
            ok = value(job.language);
        else if (a == "--question")
            ok = value(job.question);
        else if (a == "--author")
            ok = value(job.author);
        else if (a == "--talk")
            ok = value(job.talk_file);
        else if (a == "--out")
            ok = value(job.out);
        else if (a == "--size")
            ok = value(job.size);
        else if (a == "--scale")
            ok = value(scale);
        else if (a == "--stage")
            stage = true;
        else if (a == "--verbose")
            job.verbose = true;
        else if (a == "--slide") {
            ok = value(slide);
            if (ok && !parse_slide(slide, job.slide, job.total))
                return usage("--slide: expected N/M with 1 <= N <= M, got \"" + slide + "\"");
            have_slide = true;
        } else
            return usage("unknown option \"" + a + "\"");
        if (!ok)
            return usage(a + " needs a value");
    }
    if (preset_name.empty())
        return usage("--preset is required (a preset's name or a file)");
    const int contents = !job.code_file.empty() + !job.question.empty() + have_slide;
    if (!stage && contents != 1)
        return usage("draw one thing: --code FILE, --question TEXT or --slide N/M (or --stage)");
    if (stage && contents == 0)
        return usage("--stage: give at least one of --code, --question, --slide");
    if (!scale.empty()) {
        char* end = nullptr;
        job.scale = std::strtod(scale.c_str(), &end);
        if (end != scale.c_str() + scale.size() || !(job.scale >= 0.1 && job.scale <= 2.0))
            return usage("--scale: expected a number from 0.1 to 2, got \"" + scale + "\"");
    }
    if (!job.code_file.empty() && !QFileInfo(QString::fromStdString(job.code_file)).isFile()) {
        std::fprintf(stderr, "stagehand-cli render: %s: no such file\n", job.code_file.c_str());
        return 1;
    }
    // The module's requests take absolute paths (a talk file is read by the control layer).
    if (!job.talk_file.empty())
        job.talk_file = std::filesystem::absolute(job.talk_file).string();
    if (job.out.empty()) {
        if (stage || job.code_file.empty())
            return usage("--out OUT.png is required");
        job.out = std::filesystem::path(job.code_file).stem().string() + ".png";
    }
    if (!stage)
        job.overlay = !job.code_file.empty() ? core::preset::Overlay::code
                      : have_slide           ? core::preset::Overlay::slides
                                             : core::preset::Overlay::question;

    // The preset: a file, else a name among the built-in and the user's presets.
    std::optional<core::preset::Entry> entry;
    if (QFileInfo(QString::fromStdString(preset_name)).isFile()) {
        auto loaded = core::preset::load_file(preset_name);
        entry = core::preset::Entry{preset_name, preset_name, false, std::move(loaded.preset),
                                    std::move(loaded.errors)};
    } else {
        entry =
            core::preset::find(core::preset::list(builtin_folder(), user_folder()), preset_name);
        if (!entry) {
            std::fprintf(stderr,
                         "stagehand-cli render: no preset named \"%s\" (stagehand-cli preset "
                         "list shows them) and no such file\n",
                         preset_name.c_str());
            return 1;
        }
    }
    if (!entry->preset) {
        for (const auto& error : entry->errors)
            std::fprintf(stderr, "%s: %s\n", entry->file.string().c_str(), error.text().c_str());
        return 1;
    }
    job.preset = std::move(*entry->preset);

    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return rerun_under_xvfb();
    job.module = module_path();
    job.data = data_folder();
    const std::string error = offscreen::run_render_job(job);
    if (!error.empty()) {
        std::fprintf(stderr, "stagehand-cli render: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s\n", job.out.c_str());
    return 0;
}

} // namespace stagehand::cli
