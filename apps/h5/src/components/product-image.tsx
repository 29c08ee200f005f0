import { Image } from 'antd-mobile';
import { PictureOutline } from 'antd-mobile-icons';

function Placeholder() {
  return (
    <div className="kq-img-placeholder" aria-hidden>
      <PictureOutline />
    </div>
  );
}

/** A product's first image, or a neutral placeholder when it has none or it fails to load. */
export function ProductImage({ src, alt, className }: { src?: string; alt: string; className?: string }) {
  if (!src) {
    return (
      <div className={className}>
        <Placeholder />
      </div>
    );
  }
  return (
    <Image
      className={className}
      src={src}
      alt={alt}
      fit="cover"
      lazy
      placeholder={<Placeholder />}
      fallback={<Placeholder />}
    />
  );
}
