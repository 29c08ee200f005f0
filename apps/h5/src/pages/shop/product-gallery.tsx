import { Swiper } from 'antd-mobile';
import { ProductImage } from '../../components/product-image.tsx';

/** The product's images as a square swiper; a placeholder when there are none. */
export function ProductGallery({ images, name }: { images: string[]; name: string }) {
  if (images.length === 0) return <ProductImage className="kq-gallery kq-gallery-empty" alt={name} />;
  if (images.length === 1) return <ProductImage className="kq-gallery" src={images[0]} alt={name} />;
  return (
    <Swiper className="kq-gallery" loop>
      {images.map((src, i) => (
        <Swiper.Item key={src}>
          <ProductImage className="kq-gallery" src={src} alt={`${name} ${i + 1}`} />
        </Swiper.Item>
      ))}
    </Swiper>
  );
}
