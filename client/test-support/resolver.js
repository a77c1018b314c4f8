// `@tarojs/components` means the React components for app code, but the web-component
// wrappers when imported from inside components-react itself (else the import is circular).
const path = require('path')

const componentsReact = `${path.sep}node_modules${path.sep}@tarojs${path.sep}components-react${path.sep}`

module.exports = (request, options) => {
  if (request === '@tarojs/components') {
    const target = options.basedir.includes(componentsReact) ? '@tarojs/components/lib/react' : '@tarojs/components-react'
    return options.defaultResolver(target, options)
  }
  return options.defaultResolver(request, options)
}
