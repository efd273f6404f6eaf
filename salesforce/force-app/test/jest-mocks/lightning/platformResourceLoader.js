// Test double for lightning/platformResourceLoader: resolves by default; tests override per case.
export const loadScript = jest.fn().mockResolvedValue();
export const loadStyle = jest.fn().mockResolvedValue();
