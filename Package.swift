// swift-tools-version:6.0
import PackageDescription

/// CamXuc: Vietnamese text to emotion to piano music, in the terminal.
///
/// Data flows one way and the targets follow it: Text → Emotion → Music → Audio, with the studio and the
/// `camxuc` command line drawing on all of them. C libraries come in through system-library targets with shims.
let package = Package(
    name: "CamXuc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "camxuc", targets: ["camxuc"]),
        .executable(name: "camxuc-bench", targets: ["CamXucBench"]),
        .library(name: "CamXucText", targets: ["CamXucText"]),
        .library(name: "CamXucTensor", targets: ["CamXucTensor"]),
        .library(name: "CamXucEmotion", targets: ["CamXucEmotion"]),
        .library(name: "CamXucMusic", targets: ["CamXucMusic"]),
        .library(name: "CamXucAudio", targets: ["CamXucAudio"]),
        .library(name: "CamXucStudio", targets: ["CamXucStudio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C libraries.
        .systemLibrary(name: "CFluidSynth", pkgConfig: "fluidsynth", providers: [.apt(["libfluidsynth-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Libraries.
        .target(name: "CamXucSupport"),
        .target(name: "CamXucText", dependencies: ["CamXucSupport"], resources: [.copy("Resources/teencode.tsv")]),
        // The kernels are optimised in debug builds too, so that tests running the models stay quick.
        .target(name: "CamXucTensor", dependencies: ["CamXucSupport", "COpenBLAS"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "CamXucEmotion", dependencies: ["CamXucSupport", "CamXucText", "CamXucTensor"]),
        .target(name: "CamXucMusic", dependencies: ["CamXucSupport", "CamXucTensor"]),
        .target(name: "CamXucAudio", dependencies: ["CamXucSupport", "CamXucMusic", "CFluidSynth", "CALSA"]),
        .target(name: "CamXucStudio", dependencies: ["CamXucSupport", "CamXucText", "CamXucEmotion", "CamXucMusic", "CamXucAudio", "CNcursesw", "TOMLKit"]),

        // The command line: argument parsing and wiring only.
        .executableTarget(
            name: "camxuc",
            dependencies: [
                "CamXucText", "CamXucEmotion", "CamXucMusic", "CamXucAudio", "CamXucStudio", "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make bench`.
        .executableTarget(name: "CamXucBench", dependencies: ["CamXucEmotion", "CamXucMusic", "CamXucTensor", "CamXucText"],
                         path: "Benchmarks/CamXucBench"),

        // Tests.
        .testTarget(name: "CamXucSupportTests", dependencies: ["CamXucSupport"]),
        .testTarget(name: "CamXucTextTests", dependencies: ["CamXucText"]),
        .testTarget(name: "CamXucTensorTests", dependencies: ["CamXucTensor"]),
        .testTarget(name: "CamXucEmotionTests", dependencies: ["CamXucEmotion", "CamXucText"]),
        .testTarget(name: "CamXucMusicTests", dependencies: ["CamXucMusic", "CamXucTensor"]),
        .testTarget(name: "CamXucAudioTests", dependencies: ["CamXucAudio", "CamXucMusic"]),
        .testTarget(name: "CamXucStudioTests", dependencies: ["CamXucStudio", "CamXucEmotion"]),
    ],
    swiftLanguageModes: [.v6]
)
