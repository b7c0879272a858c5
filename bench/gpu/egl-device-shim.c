/* LD_PRELOAD helper for the GPU benchmark run on a headless NVIDIA machine.
 *
 * OBS 29's OpenGL module only knows EGL on X11 (or Wayland). A GPU server has neither a real X
 * server nor NVIDIA's X driver, and an X display served by Xvfb is not one NVIDIA's EGL can
 * render to. This shim hands libobs an EGL display on the GPU device itself
 * (EGL_EXT_platform_device) whenever it asks for one, so its pbuffer context runs on the GPU.
 * Xvfb still provides the X connection libobs opens for other reasons.
 *
 * Build: cc -shared -fPIC -o libegl-device-shim.so egl-device-shim.c -ldl
 */
#define _GNU_SOURCE
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The vendor library may call these entry points itself: only the outermost call is redirected,
 * nested ones go to the real functions. */
static __thread int depth;

/* A crash inside the driver or libobs prints where it happened before the process dies. */
static void on_crash(int sig) {
    void* frames[64];
    int n = backtrace(frames, 64);
    fprintf(stderr, "egl-device-shim: signal %d, backtrace:\n", sig);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    signal(sig, SIG_DFL);
    raise(sig);
}

__attribute__((constructor)) static void install_crash_handler(void) {
    signal(SIGSEGV, on_crash);
    signal(SIGABRT, on_crash);
}

typedef __eglMustCastToProperFunctionPointerType (*proc_lookup)(const char*);

/* libobs dlopens its OpenGL module, so libEGL is not in the global scope RTLD_NEXT searches:
 * open it by name instead. */
static void* real_egl(const char* symbol) {
    static void* library;
    if (!library)
        library = dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL);
    return library ? dlsym(library, symbol) : NULL;
}

static proc_lookup real_lookup(void) {
    static proc_lookup lookup;
    if (!lookup)
        lookup = (proc_lookup)real_egl("eglGetProcAddress");
    return lookup;
}

static EGLDisplay device_display(void) {
    depth++;
    PFNEGLQUERYDEVICESEXTPROC query =
        (PFNEGLQUERYDEVICESEXTPROC)real_lookup()("eglQueryDevicesEXT");
    PFNEGLGETPLATFORMDISPLAYEXTPROC get =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)real_lookup()("eglGetPlatformDisplayEXT");
    EGLDeviceEXT devices[16];
    EGLint count = 0;
    EGLDisplay display = EGL_NO_DISPLAY;
    if (!query || !get || !query(16, devices, &count) || count == 0) {
        fprintf(stderr, "egl-device-shim: no EGL device found\n");
    } else {
        fprintf(stderr, "egl-device-shim: %d EGL device(s), using the first\n", count);
        display = get(EGL_PLATFORM_DEVICE_EXT, devices[0], NULL);
    }
    depth--;
    return display;
}

static EGLDisplay EGLAPIENTRY platform_display(EGLenum platform, void* native,
                                               const EGLint* attributes) {
    (void)platform;
    (void)native;
    (void)attributes;
    return device_display();
}

/* A device display has no windows: ask for pbuffer-capable configs instead of window ones. */
EGLBoolean EGLAPIENTRY eglChooseConfig(EGLDisplay display, const EGLint* attributes,
                                       EGLConfig* configs, EGLint size, EGLint* count) {
    typedef EGLBoolean (*choose)(EGLDisplay, const EGLint*, EGLConfig*, EGLint, EGLint*);
    choose real = (choose)real_egl("eglChooseConfig");
    EGLint rewritten[64];
    int n = 0;
    for (int i = 0; attributes && attributes[i] != EGL_NONE && n < 60; i += 2) {
        EGLint key = attributes[i], value = attributes[i + 1];
        if (key == EGL_NATIVE_RENDERABLE || key == EGL_NATIVE_VISUAL_TYPE)
            continue;
        if (key == EGL_SURFACE_TYPE)
            value = EGL_PBUFFER_BIT;
        rewritten[n++] = key;
        rewritten[n++] = value;
    }
    rewritten[n] = EGL_NONE;
    return real ? real(display, rewritten, configs, size, count) : EGL_FALSE;
}

EGLDisplay EGLAPIENTRY eglGetDisplay(EGLNativeDisplayType native) {
    if (depth > 0) {
        typedef EGLDisplay (*get_display)(EGLNativeDisplayType);
        get_display real = (get_display)real_egl("eglGetDisplay");
        return real ? real(native) : EGL_NO_DISPLAY;
    }
    return device_display();
}

__eglMustCastToProperFunctionPointerType EGLAPIENTRY eglGetProcAddress(const char* name) {
    if (depth == 0 && (strcmp(name, "eglGetPlatformDisplayEXT") == 0 ||
                       strcmp(name, "eglGetPlatformDisplay") == 0))
        return (__eglMustCastToProperFunctionPointerType)platform_display;
    return real_lookup()(name);
}
