#pragma once

#include <QString>
#include <QWidget>
#include <QtGlobal>

namespace stagehand::testing {

// The widget under `root` with this object name; a missing one ends the test run at once, since
// every later step of the test would act on nothing.
template <typename T>
T* child(QWidget& root, const char* name) {
    T* found = root.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

} // namespace stagehand::testing
