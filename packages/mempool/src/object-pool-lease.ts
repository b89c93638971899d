import { MemPoolError } from './errors.js';

/**
 * Debug mode of `ObjectPool`: the Proxy handler of one acquisition. Every trap forwards to the
 * real object until the acquisition is released, then throws `USE_AFTER_RELEASE`, so code that
 * keeps a reference past `release` fails where it touches the object instead of corrupting the
 * next user's state.
 */
export class ObjectPoolLease<T extends object> implements ProxyHandler<T> {
  released = false;

  constructor(readonly target: T) {}

  get(target: T, key: string | symbol, receiver: unknown): unknown {
    this.check('read', key);
    return Reflect.get(target, key, receiver);
  }

  set(target: T, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.check('write', key);
    return Reflect.set(target, key, value, receiver);
  }

  has(target: T, key: string | symbol): boolean {
    this.check('test', key);
    return Reflect.has(target, key);
  }

  deleteProperty(target: T, key: string | symbol): boolean {
    this.check('delete', key);
    return Reflect.deleteProperty(target, key);
  }

  defineProperty(target: T, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.check('define', key);
    return Reflect.defineProperty(target, key, descriptor);
  }

  getOwnPropertyDescriptor(target: T, key: string | symbol): PropertyDescriptor | undefined {
    this.check('describe', key);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  getPrototypeOf(target: T): object | null {
    this.check('read the prototype of', undefined);
    return Reflect.getPrototypeOf(target);
  }

  setPrototypeOf(target: T, prototype: object | null): boolean {
    this.check('change the prototype of', undefined);
    return Reflect.setPrototypeOf(target, prototype);
  }

  preventExtensions(target: T): boolean {
    this.check('freeze', undefined);
    return Reflect.preventExtensions(target);
  }

  ownKeys(target: T): ArrayLike<string | symbol> {
    this.check('list the keys of', undefined);
    return Reflect.ownKeys(target);
  }

  private check(action: string, key: string | symbol | undefined): void {
    if (!this.released) return;
    const what = key === undefined ? 'it' : `property ${String(key)}`;
    throw new MemPoolError(
      'ObjectPool.acquire',
      'USE_AFTER_RELEASE',
      `pooled object used after release (${action} ${what})`,
    );
  }
}
