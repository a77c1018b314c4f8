export * from './lifecycle'
export * from './record'
export * from './plan'
export * from './errors'
