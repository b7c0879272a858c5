#include "cli/locations.hpp"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>

namespace stagehand::cli {

bool in_build_tree() {
    return QCoreApplication::applicationFilePath().startsWith(
        QStringLiteral(STAGEHAND_BUILD_DIR "/"));
}

std::string module_path() {
    const QByteArray from_env = qgetenv("STAGEHAND_MODULE_PATH");
    if (!from_env.isEmpty())
        return from_env.toStdString();
    return in_build_tree() ? STAGEHAND_BUILT_MODULE : STAGEHAND_INSTALLED_MODULE;
}

std::string data_folder() {
    const QByteArray from_env = qgetenv("STAGEHAND_DATA_DIR");
    if (!from_env.isEmpty())
        return from_env.toStdString();
    return in_build_tree() ? STAGEHAND_SOURCE_DATA_DIR : STAGEHAND_INSTALLED_DATA;
}

std::string builtin_folder() {
    return data_folder() + "/presets";
}

std::string user_folder() {
    const QByteArray from_env = qgetenv("STAGEHAND_CONFIG_DIR");
    const QString config =
        !from_env.isEmpty()
            ? QString::fromLocal8Bit(from_env)
            : QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                  QStringLiteral("/obs-studio/plugin_config/stagehand");
    return (config + QStringLiteral("/presets")).toStdString();
}

} // namespace stagehand::cli
