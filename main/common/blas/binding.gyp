{
  "targets": [
    {
      "target_name": "blas",
      "sources": ["blas.c"],
      "cflags": ["-O2", "-std=c11", "-Wall"],
      "conditions": [
        # -ffp-contract=off: no fused multiply-adds, so that the AdamW, EMA and sum loops give the bits of the
        # JavaScript and tfjs paths they stand in for; -fno-math-errno lets sqrt vectorize
        ["OS=='linux'", {
          "cflags": ["-fopenmp-simd", "-ffp-contract=off", "-fno-math-errno", "<!@(node flags.cjs cflags)"],
          "libraries": ["<!@(node flags.cjs libs)", "-lm"]
        }],
        ["OS=='mac'", {
          "libraries": ["-framework Accelerate"],
          "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-std=c11", "-ffp-contract=off"], "MACOSX_DEPLOYMENT_TARGET": "11.0" }
        }]
      ]
    }
  ]
}
