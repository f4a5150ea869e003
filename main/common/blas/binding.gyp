{
  "targets": [
    {
      "target_name": "blas",
      "sources": ["blas.c"],
      "cflags": ["-O2", "-std=c11", "-Wall"],
      "conditions": [
        ["OS=='linux'", {
          "cflags": ["-fopenmp-simd", "-ffp-contract=off", "-fno-math-errno", "<!@(node flags.cjs cflags)"],
          "libraries": ["<!@(node flags.cjs libs)", "-lm"]
        }],
        ["OS=='mac'", {
          "libraries": ["-framework Accelerate"],
          "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-std=c11"], "MACOSX_DEPLOYMENT_TARGET": "11.0" }
        }]
      ]
    }
  ]
}
