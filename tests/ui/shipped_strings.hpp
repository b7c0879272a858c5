#pragma once

// The dock's strings as the plugin ships them, for UI tests that measure or draw real text. Needs
// STAGEHAND_DATA_DIR (the source tree's data folder).
#include <QFile>
#include <QMap>
#include <QString>

namespace stagehand::testing {

// The strings the plugin ships for English (data/locale/en-US.ini, OBS's `key="value"` lines),
// by key; empty when the file cannot be read.
inline QMap<QString, QString> shipped_english_strings() {
    QMap<QString, QString> strings;
    QFile locale(QStringLiteral(STAGEHAND_DATA_DIR "/locale/en-US.ini"));
    if (!locale.open(QIODevice::ReadOnly))
        return strings;
    for (const QByteArray& line : locale.readAll().split('\n')) {
        const int eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        QString value = QString::fromUtf8(line.mid(eq + 1)).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        strings.insert(QString::fromUtf8(line.left(eq)), value);
    }
    return strings;
}

} // namespace stagehand::testing
